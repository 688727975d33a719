package sparkmemory.oracle.layout;

/** Prints Runtime.maxMemory() of this JVM: what Spark reads as system memory (UnifiedMemoryManager.getMaxMemory). */
public final class MaxMemory {
  public static void main(String[] args) {
    System.out.println(Runtime.getRuntime().maxMemory());
  }
}
