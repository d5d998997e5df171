package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;

/** Modules shared by the writers (SOP Common, series, frame of reference, equipment). Package-private. */
final class WriterSupport {

    static final String MANUFACTURER = "RT pipeline";

    private WriterSupport() {
    }

    static String today() {
        return LocalDateTime.now().format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    }

    /**
     * Checks a DA (YYYYMMDD) and TM (HHMMSS, optionally shorter or with a fraction) pair for a writer's
     * {@code creationDateTime} option.
     */
    static void checkDateTime(String date, String time) {
        checkDate("date", date);
        checkTime("time", time);
    }

    /** Checks a DA value (YYYYMMDD); {@code what} starts the message, e.g. "review date". */
    static void checkDate(String what, String date) {
        if (date == null || !date.matches("\\d{8}")) {
            throw new IllegalArgumentException(what + " must be YYYYMMDD: " + date);
        }
    }

    /** Checks a TM value (HH, HHMM, HHMMSS or HHMMSS.F to .FFFFFF); {@code what} starts the message. */
    static void checkTime(String what, String time) {
        if (time == null || !time.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            throw new IllegalArgumentException(what + " must be HHMMSS[.FFFFFF]: " + time);
        }
    }

    /** SOP Common, patient/study, series and equipment attributes; creation date/time now. */
    static DicomObject base(String sopClassUid, String sopInstanceUid, PatientStudy ps, String modality,
            String seriesInstanceUid, int seriesNumber, String seriesDescription) {
        return base(sopClassUid, sopInstanceUid, ps, modality, seriesInstanceUid, seriesNumber, seriesDescription,
                null, null);
    }

    /**
     * SOP Common, patient/study, series and equipment attributes; Instance Creation Date/Time as given, or now
     * when null.
     */
    static DicomObject base(String sopClassUid, String sopInstanceUid, PatientStudy ps, String modality,
            String seriesInstanceUid, int seriesNumber, String seriesDescription, String creationDate,
            String creationTime) {
        DicomObject ds = new DicomObject();
        ds.putString(Tag.SpecificCharacterSet, "ISO_IR 192");
        ds.putString(Tag.InstanceCreationDate, creationDate != null ? creationDate : today());
        ds.putString(Tag.InstanceCreationTime, creationTime != null ? creationTime : now());
        ds.putString(Tag.SOPClassUID, sopClassUid);
        ds.putString(Tag.SOPInstanceUID, sopInstanceUid);
        ps.applyTo(ds);
        ds.putString(Tag.Modality, modality);
        ds.putString(Tag.SeriesInstanceUID, seriesInstanceUid != null ? seriesInstanceUid : Uids.create());
        ds.putInts(Tag.SeriesNumber, seriesNumber);
        if (seriesDescription != null) {
            ds.putString(Tag.SeriesDescription, seriesDescription);
        }
        ds.putString(Tag.OperatorsName);
        ds.putString(Tag.Manufacturer, MANUFACTURER);
        ds.putString(Tag.ManufacturerModelName, "rt.dicom");
        ds.putString(Tag.SoftwareVersions, Uids.IMPLEMENTATION_VERSION_NAME);
        return ds;
    }

    /** Frame of Reference module: the UID and an empty Position Reference Indicator. */
    static void frameOfReference(DicomObject ds, String frameOfReferenceUid) {
        ds.putString(Tag.FrameOfReferenceUID, frameOfReferenceUid);
        ds.putString(Tag.PositionReferenceIndicator);
    }

    /**
     * The series and instance options a single-instance writer takes ({@code uids}, {@code series},
     * {@code creationDateTime}); the writers keep their typed public setters and delegate here.
     */
    static final class Instance {

        String seriesInstanceUid = Uids.create();
        String sopInstanceUid = Uids.create();
        int seriesNumber = 1;
        String seriesDescription;
        String creationDate;
        String creationTime;

        void uids(String seriesUid, String sopUid) {
            this.seriesInstanceUid = seriesUid;
            this.sopInstanceUid = sopUid;
        }

        void series(int number, String description) {
            this.seriesNumber = number;
            this.seriesDescription = description;
        }

        void creationDateTime(String date, String time) {
            checkDateTime(date, time);
            this.creationDate = date;
            this.creationTime = time;
        }

        /** {@link WriterSupport#base} for this instance. */
        DicomObject base(String sopClassUid, PatientStudy ps, String modality) {
            return WriterSupport.base(sopClassUid, sopInstanceUid, ps, modality, seriesInstanceUid, seriesNumber,
                    seriesDescription, creationDate, creationTime);
        }

        /** Whether the series and instance UIDs are derived from the content when written. */
        boolean uidsFromContent;

        /** Writes the data set to the file; returns the SOP Instance UID. */
        String write(DicomObject ds, Path file) throws IOException {
            if (uidsFromContent) {
                deriveUids(ds);
            }
            DicomWriter.write(ds, file);
            return sopInstanceUid;
        }

        /**
         * Series and SOP Instance UID from a hash of everything else in the data set but the dates and times of
         * writing: a pipeline stage that writes the same structures for the same inputs writes the same UIDs, so
         * tables that cite them are identical across runs and resumes, while different content never shares a UID.
         */
        private void deriveUids(DicomObject ds) throws IOException {
            int[] varying = {Tag.SOPInstanceUID, Tag.SeriesInstanceUID, Tag.InstanceCreationDate,
                Tag.InstanceCreationTime, Tag.ContentDate, Tag.ContentTime, Tag.StructureSetDate,
                Tag.StructureSetTime};
            String[] kept = new String[varying.length];
            for (int i = 0; i < varying.length; i++) {
                kept[i] = ds.getString(varying[i]);
                if (kept[i] != null) {
                    ds.putString(varying[i], "0");
                }
            }
            byte[] content = DicomWriter.toBytes(ds);
            for (int i = 0; i < varying.length; i++) {
                if (kept[i] != null) {
                    ds.putString(varying[i], kept[i]);
                }
            }
            String digest;
            try {
                digest = java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(content));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
            seriesInstanceUid = Uids.fromName("series " + digest);
            sopInstanceUid = Uids.fromName("instance " + digest);
            ds.putString(Tag.SeriesInstanceUID, seriesInstanceUid);
            ds.putString(Tag.SOPInstanceUID, sopInstanceUid);
        }
    }
}
