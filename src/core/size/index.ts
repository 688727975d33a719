// One module for every size grammar the product reads: Spark's byte strings, the JVM's -Xmx, and
// SnappyData's memory-size. Everything else calls these; nothing re-parses sizes.
export * from './byteUnit';
export * from './byteString';
export * from './jvmSize';
export * from './snappySize';
export * from './format';
