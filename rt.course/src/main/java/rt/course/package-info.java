/**
 * The course contract shared by every stage: the folder layout of a course and of the cohort, the vocabulary of
 * structure sources, ROI naming, the segmentation manifest (one format, one writer, one reader) and atomic writing.
 * No stage re-derives another stage's file names or formats; they meet here.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package rt.course;
