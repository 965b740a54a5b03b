import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default. A lazily imported part (the role choice, the
// risk-assessment form) is transformed on first import, which takes longer than that when the
// two cores are shared; a wait that succeeds still returns as soon as the element is there.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());
