/** File work of organize: header scan, course folders, NIfTI, dose summation. */
package rt.organize.internal.io;
