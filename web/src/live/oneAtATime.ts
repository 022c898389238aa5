// A read that live events ask for in bursts, run one at a time: a call while it runs asks for one
// more run after it, and every caller's promise settles once the run it asked for is done.
export function oneAtATime(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let again = false
  return function run(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    // Cleared in `finally`, which runs after this assignment even when `read` finishes at once.
    running = (async () => {
      do {
        again = false
        await read()
      } while (again)
    })().finally(() => {
      running = null
    })
    return running
  }
}
