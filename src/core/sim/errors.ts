// The exceptions Spark's memory code throws, as typed objects carrying Spark's (simple) class name
// and its exact message, so callers and the conformance runner can compare them.
import type { StartupError } from '../layout/startupError';

/** Java/Scala class hierarchy of the exceptions the simulator raises (simple names). */
const PARENT: Readonly<Record<string, string>> = {
  SparkIllegalArgumentException: 'IllegalArgumentException',
  IllegalArgumentException: 'RuntimeException',
  IllegalStateException: 'RuntimeException',
  NoSuchElementException: 'RuntimeException',
  TooLargePageException: 'RuntimeException',
  SparkException: 'Exception',
  RuntimeException: 'Exception',
  Exception: 'Throwable',
  AssertionError: 'Error',
  SparkOutOfMemoryError: 'OutOfMemoryError',
  OutOfMemoryError: 'VirtualMachineError',
  VirtualMachineError: 'Error',
  Error: 'Throwable',
};

export class SparkError extends Error {
  /** Simple Java class name, e.g. `IllegalArgumentException`. */
  readonly sparkClass: string;
  /** 3.5+ error class (SparkThrowable), when Spark raises one. */
  readonly errorClass: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>> | undefined;

  constructor(
    sparkClass: string,
    message: string,
    errorClass?: string,
    messageParameters?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = sparkClass;
    this.sparkClass = sparkClass;
    this.errorClass = errorClass;
    this.messageParameters = messageParameters;
  }

  /** True if this error is an instance of `javaClass` (simple or qualified name), subclasses included. */
  isInstanceOf(javaClass: string): boolean {
    const want = javaClass.slice(javaClass.lastIndexOf('.') + 1).trim();
    let c: string | undefined = this.sparkClass;
    while (c !== undefined) {
      if (c === want) return true;
      c = PARENT[c];
    }
    return false;
  }
}

export function isSparkError(e: unknown): e is SparkError {
  return e instanceof SparkError;
}

/** Scala `require(cond, msg)`. */
export function requirementFailed(msg?: string): SparkError {
  return new SparkError(
    'IllegalArgumentException',
    msg === undefined ? 'requirement failed' : `requirement failed: ${msg}`,
  );
}

/** Scala `assert(cond, msg)` (Spark's tests and executors run with assertions on). */
export function assertionFailed(msg?: string): SparkError {
  return new SparkError('AssertionError', msg === undefined ? 'assertion failed' : `assertion failed: ${msg}`);
}

/** Java `assert cond` (TaskMemoryManager, MemoryConsumer): an AssertionError without a message. */
export function javaAssertionFailed(msg?: string): SparkError {
  return new SparkError('AssertionError', msg ?? '');
}

/** The exception a layout start-up error stands for, as the memory manager's constructor throws it. */
export function sparkErrorOf(e: StartupError): SparkError {
  return new SparkError(e.exceptionClass, e.message, e.errorClass, e.messageParameters);
}
