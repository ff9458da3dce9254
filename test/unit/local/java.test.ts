import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkJava, JavaMissingError } from '../../../infra/local/dynamodb.ts';

describe('checkJava (DynamoDB Local needs Java 17+)', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('passes on this machine, which has Java 17+', () => {
    expect(() => checkJava()).not.toThrow();
  });

  it('without java on the PATH, fails with one clear message saying how to install it', () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'no-java-'));
    expect(() => checkJava()).toThrow(JavaMissingError);
    expect(() => checkJava()).toThrow(/Java 17 or newer.*apt-get install -y openjdk-17-jre-headless/);
  });
});
