/** Report and aggregate stages; not exported. */
package rt.report.internal;
