export const KAM_CONFIG = Symbol('KAM_CONFIG');
