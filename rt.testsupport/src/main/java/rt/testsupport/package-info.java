/** Helpers shared by unit and OSGi tests: summary lines, reference data, a plain stage context. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package rt.testsupport;
