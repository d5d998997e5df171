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
 * A fair broker of CPU cores, GPU slots and heap memory. Waiters are served in arrival order; a later request may pass
 * an earlier one only when it needs none of the resource kinds the earlier one is waiting for, so big requests cannot
 * starve. The sum of granted leases never exceeds the budget. Memory is admitted from the stages' estimates
 * ({@link ResourceNeeds#memoryMb()}) against a heap budget; a request larger than the whole budget is clamped to it,
 * so it runs alone rather than never.
 */
public final class FifoResourceBroker implements ResourceBroker, ReleaseNotifier, BudgetControl {

    /** Guarded by {@code this}; changed only by {@link #override}. */
    private int cpuBudget;
    private int gpuBudget;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final List<Runnable> releaseListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int cpuUsed;
    private int gpuUsed;
    /** Heap budget in MB; 0 = memory is not admitted (every request fits). Guarded by {@code this}. */
    private long memoryBudgetMb;
    private long memoryUsedMb;
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
        this(cpuBudget, gpuSlots, 0, slot -> 0);
    }

    /**
     * @param deviceOfSlot the CUDA device each GPU slot runs on ({@link GpuDevices#deviceOfSlot}); a lease is given
     *                     the lowest free slots, so concurrent GPU leases land on different devices
     */
    public FifoResourceBroker(int cpuBudget, int gpuSlots, java.util.function.IntUnaryOperator deviceOfSlot) {
        this(cpuBudget, gpuSlots, 0, deviceOfSlot);
    }

    /**
     * @param memoryBudgetMb the heap the leases may plan to use together, in MB; 0 admits every request (no memory
     *                       planning)
     */
    public FifoResourceBroker(int cpuBudget, int gpuSlots, long memoryBudgetMb,
            java.util.function.IntUnaryOperator deviceOfSlot) {
        checkBudget(cpuBudget, gpuSlots);
        if (memoryBudgetMb < 0) {
            throw new IllegalArgumentException("memory budget must be >= 0 MB, got " + memoryBudgetMb);
        }
        this.cpuBudget = cpuBudget;
        this.gpuBudget = gpuSlots;
        this.memoryBudgetMb = memoryBudgetMb;
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
    public Handle override(int cpuCores, int gpuSlots, long memoryMb) {
        checkBudget(cpuCores, gpuSlots);
        long[] before;
        synchronized (this) {
            before = new long[] {cpuBudget, gpuBudget, memoryBudgetMb};
            setBudget(cpuCores, gpuSlots, memoryMb >= 0 ? memoryMb : memoryBudgetMb);
        }
        releaseListeners.forEach(Runnable::run);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                synchronized (FifoResourceBroker.this) {
                    setBudget((int) before[0], (int) before[1], before[2]);
                }
                releaseListeners.forEach(Runnable::run);
            }
        };
    }

    private void setBudget(int cpu, int gpu, long memoryMb) {
        cpuBudget = cpu;
        gpuBudget = gpu;
        memoryBudgetMb = memoryMb;
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

    /** Clamps a request to what this broker can ever grant: 1..budget cores, 0..slots GPUs, 0..budget MB. */
    public synchronized ResourceNeeds clamp(ResourceNeeds needs) {
        int cores = Math.min(Math.max(1, needs.cpuCores()), cpuBudget);
        int gpus = Math.min(needs.gpuSlots(), gpuBudget);
        long memory = memoryBudgetMb == 0 ? 0 : Math.min(needs.memoryMb(), memoryBudgetMb);
        return new ResourceNeeds(cores, gpus, memory, needs.cpuFallback());
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
            take(want);
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
        Blocked blocked = new Blocked();
        for (Waiter w : waiters) {
            blocked.add(w.needs, false);
        }
        return fits(want) && !blocked.holdsBack(want);
    }

    private boolean fits(ResourceNeeds want) {
        return want.cpuCores() <= cpuBudget - cpuUsed && want.gpuSlots() <= gpuBudget - gpuUsed
                && !lacksMemory(want);
    }

    private boolean lacksMemory(ResourceNeeds want) {
        return memoryBudgetMb > 0 && want.memoryMb() > memoryBudgetMb - memoryUsedMb;
    }

    private void take(ResourceNeeds want) {
        cpuUsed += want.cpuCores();
        gpuUsed += want.gpuSlots();
        memoryUsedMb += want.memoryMb();
    }

    /** The resource kinds earlier waiters are blocked on, which later requests may not take from them. */
    private final class Blocked {
        boolean cpu;
        boolean gpu;
        boolean memory;

        boolean holdsBack(ResourceNeeds n) {
            return (cpu && n.cpuCores() > 0) || (gpu && n.gpuSlots() > 0) || (memory && n.memoryMb() > 0);
        }

        /** A waiter that did not fit: it reserves the kinds it lacks (and, when already held back, all it needs). */
        void add(ResourceNeeds n, boolean heldBack) {
            cpu |= n.cpuCores() > cpuBudget - cpuUsed || (heldBack && n.cpuCores() > 0);
            gpu |= n.gpuSlots() > gpuBudget - gpuUsed || (heldBack && n.gpuSlots() > 0);
            memory |= lacksMemory(n) || (heldBack && n.memoryMb() > 0);
        }
    }

    /** Grants waiters in order; a waiter that does not fit reserves the kinds it lacks from those behind it. */
    private void grantWaiters() {
        Blocked blocked = new Blocked();
        boolean any = false;
        for (var it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            boolean heldBack = blocked.holdsBack(w.needs);
            if (!heldBack && fits(w.needs)) {
                take(w.needs);
                w.slots = takeSlots(w.needs.gpuSlots());
                w.granted = true;
                it.remove();
                any = true;
            } else {
                blocked.add(w.needs, heldBack);
            }
        }
        if (any) {
            notifyAll();
        }
    }

    private synchronized void give(ResourceNeeds granted, int[] slots) {
        cpuUsed -= granted.cpuCores();
        gpuUsed -= granted.gpuSlots();
        memoryUsedMb -= granted.memoryMb();
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

    @Override
    public synchronized long memoryBudgetMb() {
        return memoryBudgetMb;
    }

    @Override
    public synchronized long memoryInUseMb() {
        return memoryUsedMb;
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
        public long memoryMb() {
            return granted.memoryMb();
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
            return "Lease[" + granted.cpuCores() + " cpu, " + granted.gpuSlots() + " gpu, " + granted.memoryMb() + " MB"
                    + (slots.length == 0 ? "" : " slot " + slots[0] + " on cuda:" + gpuDevice()) + "]";
        }
    }
}
