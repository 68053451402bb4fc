export async function benchFirstQuestion() { return { lines: ["(not yet)"] }; }
