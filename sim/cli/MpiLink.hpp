#pragma once
// The few MPI calls a batch run by `mpirun -n K drillsim batch ...` makes (README "Batches on a
// cluster"): rank 0 holds the store and hands out the replications, every rank runs its share
// with its own forked workers and sends the rows to rank 0. The calls are made by the helper
// drillsim-mpi, started as this process's child (libsimgrid, linked here, exports the MPI API
// itself). MPI is an optional dependency: built without it there is no helper, and underMpirun()
// still says when mpirun started the process, so that the batch can refuse to run K copies of
// itself into one store.

#include <stdexcept>
#include <string>

namespace drillsim::cli::mpi {

/// The helper ended or stopped answering: mpirun is ending the job (a rank died, or it was
/// aborted or interrupted).
struct LinkLost : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Whether the environment says an MPI launcher (Open MPI's or MPICH's mpirun) started us.
bool underMpirun();
/// Whether this drillsim was built with MPI (its helper drillsim-mpi is beside it).
bool available();

/// MPI_Init; this process's rank and the number of ranks.
void init(int& rank, int& size);
/// Every rank calls it; rank 0's `text` is returned on every rank.
std::string broadcast(const std::string& text);
/// Sends `text` to rank 0 with `tag` (blocking until MPI holds it).
void sendToRoot(const std::string& text, int tag);
/// On rank 0: a message that has arrived, if any (does not wait).
bool receive(std::string& text, int& tag, int& from);
void finalize();
/// Ends every rank of the job with `code` (MPI_Abort).
[[noreturn]] void abort(int code);

}  // namespace drillsim::cli::mpi
