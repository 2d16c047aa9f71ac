import baseConfig, { noInfrastructureClients } from '../../../eslint.config.mjs';

export default [...baseConfig, noInfrastructureClients];
