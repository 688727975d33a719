package sparkmemory.oracle;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the calls that can block (ExecutionMemoryPool.acquireMemory waits on the memory manager while
 * a task would stay below 1/(2N) of the pool) on worker threads, and makes their outcome deterministic:
 * a call is "done" when its thread returned, and "blocked" when its thread sits in Object.wait() on the
 * memory manager's monitor having entered that wait after the call started (ThreadInfo.getWaitedCount
 * grew). Nothing is decided by a timeout. After a step that Spark follows with notifyAll (any execution
 * acquire or release: ExecutionMemoryPool notifies when a task registers and on every release), the
 * harness notifies the monitor itself and waits until every waiter either returned or waited again, so
 * each waiter re-evaluates exactly on the steps where Spark's would. The fuzzer issues only execution
 * ops of other tasks while a call waits, and keeps at most one waiter, so the order in which several
 * woken threads take the monitor never matters.
 */
final class Waiters {
  static final class Call {
    final long task;
    volatile Thread thread;
    volatile long baseline = -1;
    volatile boolean done;
    volatile Object result;
    volatile Throwable error;

    Call(long task) {
      this.task = task;
    }
  }

  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "oracle-task");
    t.setDaemon(true);
    return t;
  });
  private final List<Call> waiting = new ArrayList<>();
  private Object monitor;
  static final Object BLOCKED_INLINE = new Object();
  private volatile Thread inlineThread;
  private volatile boolean inlineBlocked;

  Waiters() {
    Thread dog = new Thread(() -> {
      while (true) {
        Thread t = inlineThread;
        if (t != null && t.getState() == Thread.State.WAITING) {
          ThreadInfo ti = mx.getThreadInfo(t.getId());
          if (ti != null && ti.getLockInfo() != null && monitor != null
              && ti.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor) && inlineThread == t) {
            inlineBlocked = true;
            t.interrupt();
          }
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "oracle-watchdog");
    dog.setDaemon(true);
    dog.start();
  }

  /** Runs a call the simulator says does not wait on this thread; BLOCKED_INLINE if Spark made it wait. */
  Object inline(Callable<Object> body) throws Exception {
    inlineBlocked = false;
    inlineThread = Thread.currentThread();
    try {
      return body.call();
    } catch (Exception e) {
      if (inlineBlocked) return BLOCKED_INLINE;
      throw e;
    } finally {
      inlineThread = null;
      Thread.interrupted();
    }
  }

  void setMonitor(Object monitor) {
    this.monitor = monitor;
    waiting.clear();
  }

  boolean anyWaiting() {
    return !waiting.isEmpty();
  }

  /** Runs `body`; returns the call, done or blocked (then kept until it completes). */
  Call run(long task, Callable<Object> body) {
    Call c = new Call(task);
    pool.execute(() -> {
      Thread self = Thread.currentThread();
      c.baseline = mx.getThreadInfo(self.getId()).getWaitedCount();
      c.thread = self;
      try {
        c.result = body.call();
      } catch (Throwable t) {
        c.error = t;
      } finally {
        c.done = true;
      }
    });
    settle(c);
    if (!c.done) waiting.add(c);
    return c;
  }

  /** At the end of a program: interrupts the calls still waiting (wait() throws) so their threads return to the pool. */
  void abandon() {
    for (Call c : waiting) c.thread.interrupt();
    for (Call c : waiting) while (!c.done) Thread.onSpinWait();
    waiting.clear();
  }

  /** Before a step: each waiter's wait count, so the step's notify shows as a new wait or a return. */
  void markBaselines() {
    for (Call c : waiting) c.baseline = mx.getThreadInfo(c.thread.getId()).getWaitedCount();
  }

  int waitingCount() {
    return waiting.size();
  }

  /**
   * Wakes the first `older` waiters, those that waited before the step began (as Spark's notifyAll
   * during the step would: a call that blocked in this step waited after that notify), and returns
   * those that completed, in list order.
   */
  List<Call> wakeAll(int older, boolean sparkNotifies) {
    List<Call> finished = new ArrayList<>();
    if (older == 0) return finished;
    List<Call> woken = new ArrayList<>(waiting.subList(0, older));
    // A release always ends in ExecutionMemoryPool.releaseMemory's notifyAll: the waiters' counts were
    // read before the step (markBaselines), so Spark's own notify is awaited and none is added (an
    // extra one could make a waiter evaluate twice). Other steps get the harness's notify.
    if (!sparkNotifies)
      synchronized (monitor) {
        monitor.notifyAll();
      }
    for (Call c : woken) {
      settle(c);
      if (c.done) {
        waiting.remove(c);
        finished.add(c);
      }
    }
    return finished;
  }

  private void settle(Call c) {
    int spins = 0;
    while (!c.done) {
      Thread t = c.thread;
      if (t != null && c.baseline >= 0 && t.getState() == Thread.State.WAITING) {
        ThreadInfo ti = mx.getThreadInfo(t.getId());
        if (ti != null
            && ti.getLockInfo() != null
            && ti.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor)
            && ti.getWaitedCount() > c.baseline
            && !c.done) return;
      }
      if (++spins > 1000) Thread.yield();
      else Thread.onSpinWait();
    }
  }
}
