import baseConfig, { pureLayerConfig } from '../../eslint.config.mjs';

export default [...baseConfig, pureLayerConfig('model')];
