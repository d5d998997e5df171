/** NIfTI and NRRD codecs (not exported). */
package rt.nifti.internal;
