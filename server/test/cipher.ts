import { DataCipher } from '../src/platform/crypto.ts';

/** A fixed data key for tests: encrypted values are reproducible across runs (and in the demo template). */
export const TEST_CIPHER = new DataCipher(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
