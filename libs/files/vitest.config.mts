import { projectTestConfig } from '../../vitest.shared.mjs';

export default projectTestConfig({ projectRoot: 'libs/files' });
