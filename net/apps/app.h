/* nicstack.app=stack|reflect: what runs on top of the network devices. */
#ifndef NET_APPS_APP_H
#define NET_APPS_APP_H

#include <lib/types.h>

enum nicstack_app { NICSTACK_APP_STACK, NICSTACK_APP_REFLECT };

enum nicstack_app nicstack_app_mode(void);

#endif
