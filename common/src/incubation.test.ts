import { describe, expect, it } from 'vitest';
import { incubationClassOf } from './incubation.ts';

describe('R2.2 incubation priority classes', () => {
  it('classes organizations by category: service first, public welfare supported, activity guided', () => {
    expect(incubationClassOf('elderly_care', ['elderly'])).toBe('service');
    expect(incubationClassOf('volunteering', ['public_welfare'])).toBe('public_welfare');
    expect(incubationClassOf('culture_sports', ['culture_sports'])).toBe('activity');
  });

  it('counts an activity group that does charity as public welfare', () => {
    expect(incubationClassOf('culture_sports', ['culture_sports', 'charity'])).toBe('public_welfare');
  });

  it('classes a category the district added later by its fields', () => {
    expect(incubationClassOf('new_category', ['children'])).toBe('service');
    expect(incubationClassOf('new_category', ['public_welfare'])).toBe('public_welfare');
    expect(incubationClassOf('new_category', ['education'])).toBe('activity');
  });
});
