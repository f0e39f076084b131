/** The open run tables, read models and run dependencies (EvaluationEnvironment). */
export const EVALUATION_ENVIRONMENT = Symbol('EVALUATION_ENVIRONMENT');
/** The BullMQ queue when REDIS_URL is set, else null (runs and the schedule stay in-process). */
export const EVALUATION_QUEUE = Symbol('EVALUATION_QUEUE');
