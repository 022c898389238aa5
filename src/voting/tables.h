// The voting feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include "store/tables.h"

namespace plenum::voting::tables {

const store::TableSet& slice();

}  // namespace plenum::voting::tables
