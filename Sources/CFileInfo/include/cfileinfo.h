#ifndef CFILEINFO_H
#define CFILEINFO_H

/* What fstat says about an open file, without handing Swift the `struct stat`, whose
   members Swift attributes to whichever module happened to include <sys/stat.h> first. */

/* 1 for a regular file (its size in *size), 0 for anything else, -1 when fstat fails. */
int cfileinfo_fd(int fd, long long *size);

#endif
