import { errors } from '@strapi/utils';

/**
 * What an anonymous reader may put in a query: filters and sorts on the scalar fields of the type it
 * reads (never through a relation, component or media, whose rows may be drafts), populates that
 * cannot reach a draft, and small inputs. Strapi joins a relation's rows before it knows their
 * status, so a filter through `localizations` would answer yes/no about drafts.
 */

export type Attribute = {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  private?: boolean;
};
export type Model = { uid: string; attributes: Record<string, Attribute> };
export type GetModel = (uid: string) => Model | undefined;

export const LIMITS = { stringLength: 200, listLength: 100, depth: 10 };

const SCALAR_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'email',
  'uid',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'timestamp',
  'json',
  'blocks',
]);
const ALWAYS_SCALAR = new Set(['id', 'documentId']);
const LOGICAL = new Set(['and', 'or', 'not']);
const OPERATORS = new Set([
  'eq',
  'eqi',
  'ne',
  'nei',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'contains',
  'notContains',
  'containsi',
  'notContainsi',
  'startsWith',
  'startsWithi',
  'endsWith',
  'endsWithi',
  'null',
  'notNull',
  'between',
]);
const POPULATE_OPTIONS = new Set(['fields', 'filters', 'sort', 'populate', 'count', 'page', 'pageSize', 'start', 'limit']);
const SORT_DIRECTION = /^(asc|desc)$/i;

const refuse = (message: string): never => {
  throw new errors.ValidationError(message);
};

/** A name from the request, cut short so that an error never echoes unbounded input. */
const quote = (name: string) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (model: Model, name: string) => {
  if (ALWAYS_SCALAR.has(name)) return true;
  const attribute = model.attributes[name];
  return Boolean(attribute && !attribute.private && SCALAR_TYPES.has(attribute.type));
};

/** Bounds a value's nesting, list and string sizes; returns its entries when it is an object or array. */
function entriesOf(value: unknown, depth: number): [string, unknown][] {
  if (depth > LIMITS.depth) refuse(`Query too deeply nested (at most ${LIMITS.depth} levels).`);
  if (typeof value === 'string' && value.length > LIMITS.stringLength) {
    refuse(`Query value too long (at most ${LIMITS.stringLength} characters).`);
  }
  if (typeof value !== 'object' || value === null) return [];
  const entries = Object.entries(value);
  if (entries.length > LIMITS.listLength) refuse(`Query list too long (at most ${LIMITS.listLength} items).`);
  return entries;
}

/** Operator keys come as `$eq` from REST and the Document Service, as `eq` from GraphQL. */
const operatorName = (key: string) => key.replace(/^\$/, '');

function checkOperand(value: unknown, depth: number) {
  for (const [key, item] of entriesOf(value, depth)) {
    if (isPlainObject(value) && !OPERATORS.has(operatorName(key)) && !LOGICAL.has(operatorName(key))) {
      refuse(`Unknown filter operator ${quote(key)}.`);
    }
    checkOperand(item, depth + 1);
  }
}

function checkFilters(filters: unknown, model: Model, depth: number) {
  for (const [key, value] of entriesOf(filters, depth)) {
    if (Array.isArray(filters) || LOGICAL.has(operatorName(key))) checkFilters(value, model, depth + 1);
    else if (isScalar(model, key)) checkOperand(value, depth + 1);
    else refuse(`Filtering by ${quote(key)} is not allowed: filter by the fields of ${model.uid} itself.`);
  }
}

function checkSortField(field: string, model: Model) {
  const [name = '', direction] = field.trim().split(':');
  if (!isScalar(model, name.trim())) refuse(`Sorting by ${quote(name)} is not allowed.`);
  if (direction !== undefined && !SORT_DIRECTION.test(direction.trim())) refuse('Sort direction must be asc or desc.');
}

function checkSort(sort: unknown, model: Model, depth: number) {
  if (typeof sort === 'string') {
    entriesOf(sort, depth);
    for (const field of sort.split(',')) checkSortField(field, model);
    return;
  }
  for (const [key, value] of entriesOf(sort, depth)) {
    if (Array.isArray(sort)) checkSort(value, model, depth + 1);
    else checkSortField(`${key}:${typeof value === 'string' ? value : 'invalid'}`, model);
  }
}

function checkFields(fields: unknown, model: Model, depth: number) {
  const entries = entriesOf(fields, depth);
  const names = typeof fields === 'string' ? fields.split(',') : entries.map(([, name]) => name);
  for (const name of names) {
    if (typeof name !== 'string' || !isScalar(model, name.trim()))
      refuse(`Selecting the field ${quote(String(name))} is not allowed.`);
  }
}

/** The model a populate of `name` reads, if the public may populate it: never a polymorphic or private relation. */
function populateTarget(model: Model, name: string, getModel: GetModel): Model | undefined {
  const attribute = model.attributes[name];
  if (!attribute || attribute.private) return undefined;
  if (attribute.type === 'component') return getModel(attribute.component ?? '');
  if (attribute.type === 'media') return getModel('plugin::upload.file');
  if (attribute.type !== 'relation' || !attribute.target || attribute.relation?.startsWith('morph')) return undefined;
  return getModel(attribute.target);
}

const targetOrRefuse = (model: Model, name: string, getModel: GetModel) =>
  populateTarget(model, name, getModel) ?? refuse(`Populating ${quote(name)} is not allowed.`);

/** `*` populates every relation of a level; allowed only where each one could be populated by name. */
function checkPopulateAll(model: Model, getModel: GetModel) {
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (!attribute.private && ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type)) {
      targetOrRefuse(model, name, getModel);
    }
  }
}

function checkPopulatePath(path: string, model: Model, getModel: GetModel) {
  let current = model;
  for (const name of path.trim().split('.')) {
    if (name === '*') checkPopulateAll(current, getModel);
    else current = targetOrRefuse(current, name, getModel);
  }
}

function checkPopulate(populate: unknown, model: Model, getModel: GetModel, depth: number) {
  if (typeof populate === 'boolean' || populate === 'true' || populate === 'false') return;
  if (typeof populate === 'string') {
    entriesOf(populate, depth);
    for (const path of populate.split(',')) checkPopulatePath(path, model, getModel);
    return;
  }
  for (const [key, value] of entriesOf(populate, depth)) {
    if (Array.isArray(populate)) {
      checkPopulate(value, model, getModel, depth + 1);
      continue;
    }
    const target = targetOrRefuse(model, key, getModel);
    if (isPlainObject(value)) checkQuery(value, target, getModel, depth + 1, true);
    else if (value === '*') checkPopulateAll(target, getModel);
    else checkPopulate(value, target, getModel, depth + 1);
  }
}

/** Bounds the sizes of a parameter whose keys Strapi checks itself (pagination, locale, ...). */
function checkSizes(value: unknown, depth: number) {
  for (const [, item] of entriesOf(value, depth)) checkSizes(item, depth + 1);
}

/**
 * Throws a ValidationError unless every filter, sort, field and populate of `query` is one the public
 * may use on `model`, and every value is within LIMITS. Runs before any SQL is built.
 */
export function checkQuery(query: Record<string, unknown>, model: Model, getModel: GetModel, depth = 0, nested = false) {
  for (const [key, value] of entriesOf(query, depth)) {
    if (nested && !POPULATE_OPTIONS.has(key)) refuse(`Unknown populate option ${quote(key)}.`);
    if (value === undefined || value === null) continue;
    if (key === 'filters') checkFilters(value, model, depth + 1);
    else if (key === 'sort') checkSort(value, model, depth + 1);
    else if (key === 'fields') checkFields(value, model, depth + 1);
    else if (key === 'populate') checkPopulate(value, model, getModel, depth + 1);
    else checkSizes(value, depth + 1);
  }
}
