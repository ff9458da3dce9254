import fc from 'fast-check';

/**
 * Property tests are reproducible: every run uses the same seed (FC_SEED overrides it to explore), and a
 * failure prints the seed and the counterexample. A counterexample found that way is kept as a regular test.
 */
const seed = Number(process.env.FC_SEED ?? 20261130);
fc.configureGlobal({ seed, verbose: 1 });
