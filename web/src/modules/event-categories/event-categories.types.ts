import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type EventCategory = Schemas['EventCategory'];
export type EventClass = Schemas['EventCategoryClass'];
export type StepLimits = Schemas['StepTimeLimits'];
export type WorkCalendar = Schemas['WorkCalendar'];
export type CalendarDay = Schemas['CalendarDay'];
export type CreateCategoryBody = JsonBody<paths['/api/v1/event-categories']['post']['requestBody']>;
export type UpdateCategoryBody = JsonBody<paths['/api/v1/event-categories/{code}']['patch']['requestBody']>;
export type SaveCalendarBody = JsonBody<paths['/api/v1/work-calendar/{year}']['put']['requestBody']>;
