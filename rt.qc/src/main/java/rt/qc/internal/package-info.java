/** QC stage: checks over a per-course facts object; not exported. */
package rt.qc.internal;
