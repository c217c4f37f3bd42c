#ifndef BACKLOG_CCRYPT_SHIM_H
#define BACKLOG_CCRYPT_SHIM_H

// libxcrypt: crypt_r hashes with the setting taken from a stored hash ($2a$/$2b$/$2y$ bcrypt
// and the rest), into caller-owned state, so concurrent checks need no lock.

#include <crypt.h>

#endif
