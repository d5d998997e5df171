/**
 * What the runtime offers to bundles that run one run's courses on several runtimes (rt.cluster): the scheduler hands
 * its course phase to a {@link rt.runtime.spi.CourseDistributor} when a run asks for the cluster, and a member runs the
 * (course, stage) tasks it takes through {@link rt.runtime.spi.CourseRunner}, and
 * {@code rt:status} shows the cluster through {@link rt.runtime.spi.ClusterView}. Without such a bundle every course
 * runs here.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package rt.runtime.spi;
