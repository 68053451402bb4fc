import { seedStaff, DEMO_PASSWORD, DEMO_STAFF } from "./staff";

/**
 * Demo data, in order. Each later feature adds its own seeder file here and a line below;
 * a seeder gets the ids made by the ones before it.
 */
export async function seedDemo(): Promise<void> {
  const { programs } = await seedStaff();
  void programs;
}

export { DEMO_PASSWORD, DEMO_STAFF };
