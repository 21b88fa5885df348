/**
 * The parse side's answers waiting to be stored, in the order the requests went out. The
 * engine hands the next files' batches to the parse side while earlier answers are stored;
 * the parse side answers in request order, so storing in that order keeps the first
 * source read the owner of an event, however many files are in flight.
 */
import type { Parsed } from './parsing.js';

/**
 * What may be handed to the parse side before the oldest answer is stored: lines (four
 * batches of a large file) and requests (many small files, each its own take and flush).
 */
const AHEAD_LINES = 4 * 4096;
const AHEAD_STEPS = 64;

/** One answer of the parse side to store. */
export interface StoreStep {
  /** The answer, or null for a step that only writes a source's books. */
  parsed: Promise<Parsed> | null;
  /** Lines the request carried. */
  lines: number;
  /** Stores the answer (or records its failure); must not throw. */
  run(parsed: Parsed | null, error: unknown): void;
}

/** Runs steps one at a time, in the order they were queued. */
export class StoreQueue {
  /** Steps waiting, oldest first, and their lines. */
  #steps: StoreStep[] = [];
  #lines = 0;
  /** Runs the steps while there are any; null when none wait. */
  #pumping: Promise<void> | null = null;
  /** Who waits for a step to be stored (for room to send more). */
  #stepped: (() => void)[] = [];
  /** A store failure no source could be told of, for the next caller to hear. */
  #failure: unknown = null;

  /** Queues a step; it runs after every step queued before it. */
  enqueue(step: StoreStep): void {
    this.#steps.push(step);
    this.#lines += step.lines;
    this.#pumping ??= this.#pump();
  }

  /** Waits until a request of `lines` lines may go out without too much in flight. */
  async room(lines: number): Promise<void> {
    while (
      this.#steps.length > 0 &&
      (this.#steps.length >= AHEAD_STEPS || this.#lines + lines > AHEAD_LINES)
    ) {
      await new Promise<void>((resolve) => this.#stepped.push(resolve));
    }
  }

  /** Waits until every step queued has run; throws a store failure seen meanwhile. */
  async settled(): Promise<void> {
    while (this.#pumping) await this.#pumping;
    const failure = this.#failure;
    this.#failure = null;
    if (failure !== null) throw failure;
  }

  async #pump(): Promise<void> {
    while (this.#steps.length > 0) {
      const step = this.#steps[0]!;
      let parsed: Parsed | null = null;
      let error: unknown = null;
      if (step.parsed) {
        try {
          parsed = await step.parsed;
        } catch (err) {
          error = err;
        }
      }
      this.#steps.shift();
      this.#lines -= step.lines;
      try {
        step.run(parsed, error);
      } catch (err) {
        // Only the store itself failing gets here: no source can be told, the caller can.
        this.#failure ??= err;
      }
      for (const wake of this.#stepped.splice(0)) wake();
    }
    this.#pumping = null;
  }
}
