import { PNG } from 'pngjs';

/** The app's accent colour: the colour icon's background and the manifest's `accentColor`. */
export const ACCENT_COLOR = '#464EB8';
const AMBER = '#FFB900';
const WHITE = '#FFFFFF';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  data: Uint8Array;
}

type Point = readonly [number, number];

// Signed distances in unit space (the icon is 1×1): negative inside, positive outside.
function roundedBox(p: Point, min: Point, max: Point, radius: number): number {
  const cx = (min[0] + max[0]) / 2;
  const cy = (min[1] + max[1]) / 2;
  const qx = Math.abs(p[0] - cx) - ((max[0] - min[0]) / 2 - radius);
  const qy = Math.abs(p[1] - cy) - ((max[1] - min[1]) / 2 - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function triangle(p: Point, a: Point, b: Point, c: Point): number {
  const edges: [Point, Point][] = [
    [a, b],
    [b, c],
    [c, a],
  ];
  let best = Infinity;
  let sign = 1;
  const orientation = Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  let inside = true;
  for (const [u, v] of edges) {
    const ex = v[0] - u[0];
    const ey = v[1] - u[1];
    const wx = p[0] - u[0];
    const wy = p[1] - u[1];
    const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
    best = Math.min(best, Math.hypot(wx - ex * t, wy - ey * t));
    if (Math.sign(ex * wy - ey * wx) * orientation < 0) inside = false;
  }
  if (inside) sign = -1;
  return sign * best;
}

function circle(p: Point, centre: Point, radius: number): number {
  return Math.hypot(p[0] - centre[0], p[1] - centre[1]) - radius;
}

/** The earlier voice: a speech bubble upper left, its tail pointing down-left. */
function bubbleA(p: Point): number {
  return Math.min(
    roundedBox(p, [0.12, 0.18], [0.62, 0.56], 0.1),
    triangle(p, [0.2, 0.5], [0.36, 0.5], [0.14, 0.7]),
  );
}

/** The answering voice: a bubble lower right overlapping the first, its tail pointing down-right. */
function bubbleB(p: Point): number {
  return Math.min(
    roundedBox(p, [0.38, 0.4], [0.88, 0.78], 0.1),
    triangle(p, [0.64, 0.72], [0.8, 0.72], [0.86, 0.92]),
  );
}

/** Anti-aliased coverage of a shape at one pixel, from its distance in pixels. */
function coverage(distanceUnits: number, size: number): number {
  return Math.min(Math.max(0.5 - distanceUnits * size, 0), 1);
}

function hex(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function render(size: number, shade: (p: Point) => [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = shade([(x + 0.5) / size, (y + 0.5) / size]);
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = a;
    }
  }
  return { width: size, height: size, data };
}

/**
 * The 192×192 colour icon: two overlapping speech bubbles (white, then amber) on the accent
 * colour, the second carrying three dots — a conversation that goes both ways.
 */
export function drawColorIcon(size = COLOR_ICON_SIZE): RgbaImage {
  const background = hex(ACCENT_COLOR);
  const layers: { colour: [number, number, number]; cover: (p: Point) => number }[] = [
    {
      colour: hex(WHITE),
      // A gap around the front bubble keeps the two shapes apart at every size.
      cover: (p) => coverage(bubbleA(p), size) * (1 - coverage(bubbleB(p) - 0.035, size)),
    },
    { colour: hex(AMBER), cover: (p) => coverage(bubbleB(p), size) },
    {
      colour: background,
      cover: (p) =>
        Math.max(...[0.51, 0.63, 0.75].map((cx) => coverage(circle(p, [cx, 0.59], 0.035), size))),
    },
  ];
  return render(size, (p) => {
    let [r, g, b] = background;
    for (const layer of layers) {
      const a = layer.cover(p);
      r = r * (1 - a) + layer.colour[0] * a;
      g = g * (1 - a) + layer.colour[1] * a;
      b = b * (1 - a) + layer.colour[2] * a;
    }
    return [Math.round(r), Math.round(g), Math.round(b), 255];
  });
}

/**
 * The 32×32 outline icon: the same two bubbles in white on transparent — the back bubble as a
 * stroke, the front one filled. Edge pixels are white with partial alpha, never another colour.
 */
export function drawOutlineIcon(size = OUTLINE_ICON_SIZE): RgbaImage {
  const stroke = 2.2 / size;
  const gap = 1.6 / size;
  return render(size, (p) => {
    const a = bubbleA(p);
    const ring = Math.max(coverage(a, size) - coverage(a + stroke, size), 0);
    const back = ring * (1 - coverage(bubbleB(p) - gap, size));
    const front = coverage(bubbleB(p), size);
    const alpha = Math.round(255 * Math.max(back, front));
    return alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha];
  });
}

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height, colorType: 6 });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png, { colorType: 6, inputColorType: 6, deflateLevel: 9 });
}

/** Decodes any PNG (palette, grey, 16-bit, interlaced) into 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
