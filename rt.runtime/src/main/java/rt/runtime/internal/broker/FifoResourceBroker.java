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
    /** GPU slots held by leases, by slot number; guarded by {@code this}. */
    private final java.util.BitSet slotsInUse = new java.util.BitSet();
    /** GPU slot → CUDA device ordinal. */
    private final java.util.function.IntUnaryOperator deviceOfSlot;

    private static final class Waiter {
        final ResourceNeeds needs;
        boolean granted;
        int[] slots;

        Waiter(ResourceNeeds needs) {
            this.needs = needs;
        }
    }

    /** Every GPU slot on CUDA device 0. */
    public FifoResourceBroker(int cpuBudget, int gpuSlots) {
        this(cpuBudget, gpuSlots, slot -> 0);
    }

    /**
     * @param deviceOfSlot the CUDA device each GPU slot runs on ({@link GpuDevices#deviceOfSlot}); a lease is given
     *                     the lowest free slots, so concurrent GPU leases land on different devices
     */
    public FifoResourceBroker(int cpuBudget, int gpuSlots, java.util.function.IntUnaryOperator deviceOfSlot) {
        checkBudget(cpuBudget, gpuSlots);
        this.cpuBudget = cpuBudget;
        this.gpuBudget = gpuSlots;
        this.deviceOfSlot = deviceOfSlot;
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
                    give(want, me.slots); // granted just before the interrupt: hand it back
                } else {
                    waiters.remove(me);
                    grantWaiters();
                }
                throw e;
            }
        }
        return new BrokerLease(want, me.slots);
    }

    @Override
    public Lease tryAcquire(ResourceNeeds needs) {
        ResourceNeeds want = clamp(needs);
        int[] slots;
        synchronized (this) {
            if (!fitsAfterWaiters(want)) {
                return null;
            }
            cpuUsed += want.cpuCores();
            gpuUsed += want.gpuSlots();
            slots = takeSlots(want.gpuSlots());
        }
        return new BrokerLease(want, slots);
    }

    /**
     * The lowest free slot numbers. Granting checked the count, so there are enough below the budget even after it
     * shrank (leases from before may hold slots above it).
     */
    private int[] takeSlots(int n) {
        int[] out = new int[n];
        int slot = 0;
        for (int i = 0; i < n; i++) {
            slot = slotsInUse.nextClearBit(slot);
            slotsInUse.set(slot);
            out[i] = slot;
        }
        return out;
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
                w.slots = takeSlots(w.needs.gpuSlots());
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

    private synchronized void give(ResourceNeeds granted, int[] slots) {
        cpuUsed -= granted.cpuCores();
        gpuUsed -= granted.gpuSlots();
        for (int s : slots) {
            slotsInUse.clear(s);
        }
        grantWaiters();
    }

    /** The CUDA device GPU slot {@code slot} runs on. */
    public int deviceOfSlot(int slot) {
        return deviceOfSlot.applyAsInt(slot);
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
        private final int[] slots;
        private final AtomicBoolean open = new AtomicBoolean(true);

        BrokerLease(ResourceNeeds granted, int[] slots) {
            this.granted = granted;
            this.slots = slots;
        }

        @Override
        public int gpuDevice() {
            return slots.length == 0 ? -1 : deviceOfSlot.applyAsInt(slots[0]);
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
                give(granted, slots);
                releaseListeners.forEach(Runnable::run);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + granted.cpuCores() + " cpu, " + granted.gpuSlots() + " gpu"
                    + (slots.length == 0 ? "" : " slot " + slots[0] + " on cuda:" + gpuDevice()) + "]";
        }
    }
}
