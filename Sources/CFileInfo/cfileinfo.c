#include "cfileinfo.h"

#include <sys/stat.h>

int cfileinfo_fd(int fd, long long *size) {
    struct stat status;
    if (fstat(fd, &status) != 0) {
        return -1;
    }
    *size = (long long)status.st_size;
    return S_ISREG(status.st_mode) ? 1 : 0;
}
