/**
 * The organize decisions on plain header records: deduplication, series splitting, linking, grouping into courses,
 * planning-CT choice, dose classification, prescription and course ids. No file I/O, unit-testable without DICOM.
 */
package rt.organize.internal.plan;
