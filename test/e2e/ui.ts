import type { Locator, Page } from 'playwright-core';

/** Drives the app through the stable data-testids, as a user would. */
export class UI {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('status');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** Opens the app with `?hub=<mirror>` and accepts the mirror when the app asks, as a user who trusts the link would. */
  async openWithMirror(baseUrl: string, mirror: string): Promise<void> {
    await this.open(`${baseUrl}?hub=${encodeURIComponent(mirror)}`);
    await this.acceptMirror();
  }

  /** Answers "Use" to the app's question about the link's model mirror. */
  async acceptMirror(): Promise<void> {
    await this.page.getByTestId('mirror-use').click();
    await this.page.getByTestId('mirror-prompt').waitFor({ state: 'detached' });
  }

  /** Waits until every profile is embedded; fails at once, with the message shown, on an error. */
  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const settled = this.page.locator('[data-testid="status"][data-state="ready"], [data-testid="status"][data-state="error"]');
    await settled.waitFor({ timeout: timeoutMs });
    if ((await this.status.getAttribute('data-state')) === 'error') {
      throw new Error(`the app reported an error: ${await this.status.textContent()}`);
    }
  }

  async search(jobDescription: string): Promise<void> {
    await this.page.getByTestId('job-input').fill(jobDescription);
    await this.page.getByTestId('search-button').click();
    await this.page.getByTestId('result-item').first().waitFor();
  }

  /** The shown results: `score` is what the list ranks by, `cosine` the embedding's share of it. */
  async results(): Promise<{ id: string; score: number; cosine: number; role: string }[]> {
    return this.page.getByTestId('result-item').evaluateAll((items) =>
      items.map((el) => ({
        id: el.getAttribute('data-profile-id') ?? '',
        score: Number(el.getAttribute('data-score')),
        cosine: Number(el.getAttribute('data-cosine')),
        role: el.querySelector('.role-label')?.textContent ?? '',
      })),
    );
  }
}
