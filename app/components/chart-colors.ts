// Colour-blind-safe and at least 3:1 against white; shared by server-rendered legends and the charts.
export const PALETTE = ["#0b5c55", "#b34700", "#5b3a8c", "#5f6673"];
