package rt.runtime.internal.broker;

/** A broker that tells when leases are given back, so a dispatcher can wake at once instead of polling. */
public interface ReleaseNotifier {

    void addReleaseListener(Runnable listener);

    void removeReleaseListener(Runnable listener);
}
