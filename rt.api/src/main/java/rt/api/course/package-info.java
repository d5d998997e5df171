/** The course model: what the organize stage found for one patient course. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package rt.api.course;
