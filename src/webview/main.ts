// The simulation panel's browser entry point.
export {};
