/** Clinical metadata of a course (case.json, fractions.csv) from its own DICOM objects. */
package rt.organize.internal.meta;
