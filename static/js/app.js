"use strict";
// DKFDS wires its components (closable alerts, responsive tables, error summaries) on load.
DKFDS.init();
