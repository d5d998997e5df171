package rt.radiomics.internal.stage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A fixed number of worker threads that start a task only while the heap estimates of the tasks running fit a budget:
 * two ROIs whose boxes each fit the heap may not fit it together (a bone's box spans the body), and running them side
 * by side would run out of heap and waste the work done until then. Tasks are taken in the order given (largest
 * first), except that a task that does not fit yet lets later ones that fit go first: within one course every task
 * ends, so none waits for ever. A task whose estimate exceeds the whole budget runs when nothing else does.
 */
final class HeapGatedPool implements AutoCloseable {

    private record Pending(FutureTask<?> task, long mb) {
    }

    private final long budgetMb;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private long runningMb;
    private int running;
    private int peakRunning;
    private long peakRunningMb;
    private boolean closed;

    HeapGatedPool(int threads, long budgetMb, String name) {
        this.budgetMb = budgetMb;
        for (int i = 0; i < Math.max(1, threads); i++) {
            Thread t = new Thread(this::work, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Queues {@code c}, which is thought to need {@code mb} of heap while it runs. */
    <T> Future<T> submit(Callable<T> c, long mb) {
        FutureTask<T> f = new FutureTask<>(c);
        synchronized (this) {
            if (closed) {
                f.cancel(false);
                return f;
            }
            pending.add(new Pending(f, Math.max(0, mb)));
            notifyAll();
        }
        return f;
    }

    private void work() {
        while (true) {
            Pending p;
            synchronized (this) {
                while ((p = next()) == null) {
                    if (closed) {
                        return;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                running++;
                runningMb += p.mb;
                peakRunning = Math.max(peakRunning, running);
                peakRunningMb = Math.max(peakRunningMb, runningMb);
            }
            try {
                p.task.run();
            } finally {
                synchronized (this) {
                    running--;
                    runningMb -= p.mb;
                    notifyAll();
                }
                // a task cancelled while it ran leaves the thread interrupted: the next task must not see that
                Thread.interrupted();
            }
        }
    }

    /** The first pending task that fits beside those running (any, when none runs); removed from the queue. */
    private Pending next() {
        if (closed) {
            return null;
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.task.isDone()) {
                it.remove(); // cancelled before it started
            } else if (running == 0 || runningMb + p.mb <= budgetMb) {
                it.remove();
                return p;
            }
        }
        return null;
    }

    /** The most tasks that ran at once and the most heap their estimates added up to. */
    synchronized long[] peaks() {
        return new long[] {peakRunning, peakRunningMb};
    }

    /** Cancels what has not started and interrupts what runs. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Pending p : pending) {
                p.task.cancel(false);
            }
            pending.clear();
            notifyAll();
        }
        for (Thread t : workers) {
            t.interrupt();
        }
    }
}
