/** What the asm.js kernels (`lap-dense.ts`, `lap-sparse.ts`) take from the global object. */
export interface AsmStdlib {
  Float64Array: Float64ArrayConstructor;
  Int32Array: Int32ArrayConstructor;
  Math: Math;
  Infinity: number;
}

/** asm.js accepts heaps of 2^k bytes (k >= 12) below 16 MiB and multiples of 16 MiB above. */
export function asmHeapSize(needed: number): number {
  const step = 1 << 24;
  if (needed > step) return Math.ceil(needed / step) * step;
  let size = 1 << 12;
  while (size < needed) size *= 2;
  return size;
}

/**
 * A kernel heap kept for the next solve: a fresh buffer costs a page fault per 4 KiB on first
 * touch, more than a whole column reduction. Its contents are whatever the last solve left, so
 * the caller initialises every array it reads. Solves are synchronous, so none can interleave.
 * The buffer is held weakly (an idle process gives the memory back at the next full GC) and a
 * larger one is reused only up to 4× the need, so one big solve does not pin its heap for every
 * small one after it. Each kernel has its own.
 */
export function scratchHeap(): (bytes: number) => ArrayBuffer {
  let kept: WeakRef<ArrayBuffer> | undefined;
  return (bytes) => {
    let heap = kept?.deref();
    if (heap === undefined || heap.byteLength < bytes || heap.byteLength > 4 * bytes) {
      heap = new ArrayBuffer(bytes);
      kept = new WeakRef(heap);
    }
    return heap;
  };
}
