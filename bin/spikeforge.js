#!/usr/bin/env node
// The sources are TypeScript; tsx compiles them on the fly, so the command works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
