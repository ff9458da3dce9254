import { inject } from 'vitest';

// Point this worker's SDK clients and handler environment at the stack the global setup started.
Object.assign(process.env, inject('localStack').env, { TENDERFLOW_QUIET: 'true' });
