import { useEffect } from 'react';
import { initialize } from './store/actions';
import { useAppStore } from './store/appStore';
import { applyViewFromUrl, startUrlSync } from './store/urlSync';
import { ViewLinkNotice } from './ui/status/ViewLinkNotice';
import { setView } from './store/compareActions';
import { SearchPanel } from './ui/search/SearchPanel';
import { ResultsList } from './ui/results/ResultsList';
import { StatusBar } from './ui/status/StatusBar';
import { ModelSelect } from './ui/models/ModelSelect';
import { ModelInfo } from './ui/models/ModelInfo';
import { StoragePanel } from './ui/models/StoragePanel';
import { ClusterPanel } from './ui/plot/ClusterPanel';
import { ComparePanel } from './ui/compare/ComparePanel';
import { CostPanel } from './ui/compare/CostPanel';
import { ApiSettings } from './ui/api/ApiSettings';
import { ConsentDialog } from './ui/api/ConsentDialog';
import { AllowedOrigins } from './ui/api/AllowedOrigins';
import { PrivacyNotice } from './ui/api/PrivacyNotice';
import { LlmRerankPanel } from './ui/api/LlmRerankPanel';
import { DatasetPicker } from './ui/import/DatasetPicker';

export function App() {
  const view = useAppStore((s) => s.view);
  useEffect(() => {
    // the link's view must be in the store before the first model load
    applyViewFromUrl();
    const stopUrlSync = startUrlSync();
    void initialize();
    return stopUrlSync;
  }, []);

  return (
    <div className="app">
      <nav className="skip-links" aria-label="Skip links">
        <a href="#job-input">Skip to the job description</a>
        {view === 'search' && <a href="#cluster-map">Skip to the cluster map</a>}
      </nav>
      <header className="app-header">
        <div className="brand">
          <h1>Candidate Search</h1>
          <PrivacyNotice />
        </div>
        <nav className="tabs" aria-label="Views">
          <button type="button" aria-pressed={view === 'search'} data-testid="tab-search" onClick={() => setView('search')}>
            Search
          </button>
          <button type="button" aria-pressed={view === 'compare'} data-testid="tab-compare" onClick={() => setView('compare')}>
            Compare models
          </button>
        </nav>
      </header>
      <section className="model-bar" aria-label="Embedding model">
        <ModelSelect />
        <StoragePanel />
        <ApiSettings />
      </section>
      <ConsentDialog />
      <AllowedOrigins />
      <section className="model-bar data-bar" aria-label="Profiles">
        <DatasetPicker />
      </section>
      <StatusBar />
      <ViewLinkNotice />
      <ModelInfo />
      {view === 'search' ? (
        <main className="layout">
          <div className="column">
            <SearchPanel />
            <ResultsList />
            <LlmRerankPanel />
          </div>
          <div className="column sticky">
            <ClusterPanel />
          </div>
        </main>
      ) : (
        <main className="compare-layout">
          <ComparePanel />
          <CostPanel />
        </main>
      )}
    </div>
  );
}
