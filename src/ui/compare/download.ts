/** Saves text or a blob as a file through a temporary link: nothing leaves the page. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/**
 * Renders every SVG chart inside `root` onto one white PNG, stacked vertically. A chart
 * inside an element marked `data-chart-stack` (the cluster map) gets that element's
 * canvases painted beneath its SVG, where they sit on screen. Throws with a reason the
 * user can read when there is nothing to draw or the browser cannot draw or encode it.
 */
export async function chartsToPng(root: HTMLElement): Promise<Blob> {
  const svgs = [...root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')];
  if (svgs.length === 0) throw new Error('there is no chart to export yet');
  const images = await Promise.all(
    svgs.map(async (svg) => {
      const { width, height } = svg.getBoundingClientRect();
      if (!width || !height) throw new Error('a chart has no size on screen (is it hidden?)');
      const clone = svg.cloneNode(true) as SVGSVGElement;
      clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
      clone.setAttribute('width', String(width));
      clone.setAttribute('height', String(height));
      const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
      try {
        const img = new Image();
        img.src = url;
        await img.decode().catch(() => {
          throw new Error('the browser could not draw a chart as an image');
        });
        const box = svg.getBoundingClientRect();
        const stack = svg.closest('[data-chart-stack]');
        const under = [...(stack?.querySelectorAll('canvas') ?? [])].map((canvas) => {
          const r = canvas.getBoundingClientRect();
          return { canvas, left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height };
        });
        return { img, width, height, under };
      } finally {
        URL.revokeObjectURL(url);
      }
    }),
  );
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(Math.max(...images.map((i) => i.width)));
  canvas.height = Math.ceil(images.reduce((a, i) => a + i.height, 0));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gives no 2-D canvas to draw on');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  let y = 0;
  for (const { img, height, under } of images) {
    for (const layer of under) ctx.drawImage(layer.canvas, layer.left, y + layer.top, layer.width, layer.height);
    ctx.drawImage(img, 0, y);
    y += height;
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG (the image may be too large)'))), 'image/png'),
  );
}
