import { useEffect } from 'react';
import { initialize } from './store/actions';
import { SearchPanel } from './ui/search/SearchPanel';
import { ResultsList } from './ui/results/ResultsList';
import { StatusBar } from './ui/status/StatusBar';
import { ModelSelect } from './ui/models/ModelSelect';
import { ModelInfo } from './ui/models/ModelInfo';
import { StoragePanel } from './ui/models/StoragePanel';
import { ClusterPanel } from './ui/plot/ClusterPanel';

export function App() {
  useEffect(() => {
    void initialize();
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>Candidate Search</h1>
          <p className="tagline">Semantic ranking that runs in your browser. No profile leaves this page.</p>
        </div>
      </header>
      <section className="model-bar" aria-label="Embedding model">
        <ModelSelect />
        <StoragePanel />
      </section>
      <StatusBar />
      <ModelInfo />
      <main className="layout">
        <div className="column">
          <SearchPanel />
          <ResultsList />
        </div>
        <div className="column sticky">
          <ClusterPanel />
        </div>
      </main>
    </div>
  );
}
