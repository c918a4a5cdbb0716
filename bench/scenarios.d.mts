// Types for scenarios.mjs (plain JS so the browser benchmark runs in Node without a loader).
export function classroom(variant?: number): string;
export function large(variant?: number): string;
