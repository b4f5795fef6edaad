import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** Flags that let Debian's Chromium run headless as root on a machine with no network. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's software WebGPU adapter (SwiftShader): the WebGPU path runs for real, slowly, with no GPU. */
export const SOFTWARE_WEBGPU = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // --disable-gpu would also switch off the software WebGPU adapter
  const flags = extraArgs.includes('--enable-unsafe-webgpu') ? FLAGS.filter((f) => f !== '--disable-gpu') : FLAGS;
  // Playwright gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...flags, ...extraArgs] });
}

/** Every URL the page asked for, so a test can prove nothing left the machine. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** A fresh browser with one desktop page that records every request and page error. */
export interface WatchedPage {
  browser: Browser;
  page: Page;
  requests: string[];
  pageErrors: string[];
}

export async function openWatchedPage(viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  const requests = recordRequests(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { browser, page, requests, pageErrors };
}

export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
