package rt.runtime.internal.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;

/**
 * A fair broker of CPU cores and GPU slots. Waiters are served in arrival order; a later request may pass an earlier
 * one only when it needs none of the resource kinds the earlier one is waiting for, so big requests cannot starve.
 * The sum of granted leases never exceeds the budget.
 */
public final class FifoResourceBroker implements ResourceBroker, ReleaseNotifier, BudgetControl {

    /** Guarded by {@code this}; changed only by {@link #override}. */
    private int cpuBudget;
    private int gpuBudget;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final List<Runnable> releaseListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int cpuUsed;
    private int gpuUsed;

    private static final class Waiter {
        final ResourceNeeds needs;
        boolean granted;

        Waiter(ResourceNeeds needs) {
            this.needs = needs;
        }
    }

    public FifoResourceBroker(int cpuBudget, int gpuSlots) {
        checkBudget(cpuBudget, gpuSlots);
        this.cpuBudget = cpuBudget;
        this.gpuBudget = gpuSlots;
    }

    private static void checkBudget(int cpuBudget, int gpuSlots) {
        if (cpuBudget < 1 || gpuSlots < 0) {
            throw new IllegalArgumentException("broker budget must be >= 1 core and >= 0 GPU slots, got "
                    + cpuBudget + " / " + gpuSlots);
        }
    }

    /**
     * Leases granted before stay valid when the budget shrinks; new ones wait until the leases in use fit the new
     * budget. Overrides nest: each handle restores what was in force when it was taken.
     */
    @Override
    public Handle override(int cpuCores, int gpuSlots) {
        checkBudget(cpuCores, gpuSlots);
        int[] before;
        synchronized (this) {
            before = new int[] {cpuBudget, gpuBudget};
            setBudget(cpuCores, gpuSlots);
        }
        releaseListeners.forEach(Runnable::run);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                synchronized (FifoResourceBroker.this) {
                    setBudget(before[0], before[1]);
                }
                releaseListeners.forEach(Runnable::run);
            }
        };
    }

    private void setBudget(int cpu, int gpu) {
        cpuBudget = cpu;
        gpuBudget = gpu;
        grantWaiters();
    }

    /** Called (outside the lock) whenever resources are given back, e.g. to wake a dispatcher. */
    @Override
    public void addReleaseListener(Runnable listener) {
        releaseListeners.add(listener);
    }

    @Override
    public void removeReleaseListener(Runnable listener) {
        releaseListeners.remove(listener);
    }

    /** Clamps a request to what this broker can ever grant: 1..budget cores, 0..slots GPUs. */
    public synchronized ResourceNeeds clamp(ResourceNeeds needs) {
        int cores = Math.min(Math.max(1, needs.cpuCores()), cpuBudget);
        int gpus = Math.min(needs.gpuSlots(), gpuBudget);
        return new ResourceNeeds(cores, gpus, needs.memoryMb(), needs.cpuFallback());
    }

    @Override
    public Lease acquire(ResourceNeeds needs) throws InterruptedException {
        ResourceNeeds want = clamp(needs);
        Waiter me = new Waiter(want);
        synchronized (this) {
            waiters.addLast(me);
            grantWaiters();
            try {
                while (!me.granted) {
                    wait();
                }
            } catch (InterruptedException e) {
                if (me.granted) {
                    give(want); // granted just before the interrupt: hand it back
                } else {
                    waiters.remove(me);
                    grantWaiters();
                }
                throw e;
            }
        }
        return new BrokerLease(want);
    }

    @Override
    public Lease tryAcquire(ResourceNeeds needs) {
        ResourceNeeds want = clamp(needs);
        synchronized (this) {
            if (!fitsAfterWaiters(want)) {
                return null;
            }
            cpuUsed += want.cpuCores();
            gpuUsed += want.gpuSlots();
        }
        return new BrokerLease(want);
    }

    /** True when the request fits the free budget and needs nothing an earlier waiter is blocked on. */
    private boolean fitsAfterWaiters(ResourceNeeds want) {
        boolean cpuBlocked = false;
        boolean gpuBlocked = false;
        for (Waiter w : waiters) {
            cpuBlocked |= w.needs.cpuCores() > cpuBudget - cpuUsed;
            gpuBlocked |= w.needs.gpuSlots() > gpuBudget - gpuUsed;
        }
        return fits(want) && !(cpuBlocked && want.cpuCores() > 0) && !(gpuBlocked && want.gpuSlots() > 0);
    }

    private boolean fits(ResourceNeeds want) {
        return want.cpuCores() <= cpuBudget - cpuUsed && want.gpuSlots() <= gpuBudget - gpuUsed;
    }

    /** Grants waiters in order; a waiter that does not fit reserves the kinds it lacks from those behind it. */
    private void grantWaiters() {
        boolean cpuBlocked = false;
        boolean gpuBlocked = false;
        boolean any = false;
        for (var it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            boolean needsBlockedKind = (cpuBlocked && w.needs.cpuCores() > 0) || (gpuBlocked && w.needs.gpuSlots() > 0);
            if (!needsBlockedKind && fits(w.needs)) {
                cpuUsed += w.needs.cpuCores();
                gpuUsed += w.needs.gpuSlots();
                w.granted = true;
                it.remove();
                any = true;
            } else {
                cpuBlocked |= w.needs.cpuCores() > cpuBudget - cpuUsed || (cpuBlocked && w.needs.cpuCores() > 0);
                gpuBlocked |= w.needs.gpuSlots() > gpuBudget - gpuUsed || (gpuBlocked && w.needs.gpuSlots() > 0);
            }
        }
        if (any) {
            notifyAll();
        }
    }

    private synchronized void give(ResourceNeeds granted) {
        cpuUsed -= granted.cpuCores();
        gpuUsed -= granted.gpuSlots();
        grantWaiters();
    }

    @Override
    public synchronized int cpuBudget() {
        return cpuBudget;
    }

    @Override
    public synchronized int gpuSlots() {
        return gpuBudget;
    }

    @Override
    public synchronized int cpuInUse() {
        return cpuUsed;
    }

    @Override
    public synchronized int gpuInUse() {
        return gpuUsed;
    }

    /** Waiting requests, for diagnostics. */
    public synchronized List<ResourceNeeds> waiting() {
        List<ResourceNeeds> out = new ArrayList<>();
        waiters.forEach(w -> out.add(w.needs));
        return out;
    }

    private final class BrokerLease implements Lease {
        private final ResourceNeeds granted;
        private final AtomicBoolean open = new AtomicBoolean(true);

        BrokerLease(ResourceNeeds granted) {
            this.granted = granted;
        }

        @Override
        public int cpuCores() {
            return granted.cpuCores();
        }

        @Override
        public int gpuSlots() {
            return granted.gpuSlots();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                give(granted);
                releaseListeners.forEach(Runnable::run);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + granted.cpuCores() + " cpu, " + granted.gpuSlots() + " gpu]";
        }
    }
}
