import { z } from "zod";
import { wholeNumber } from "./common";

export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MAX = 1000;

/** `page` from 1 and `page_size` from 1 to 1000 (default 100), as Atmosphere pages. */
export const pagination = {
  page: wholeNumber(1, 1_000_000_000).default(1),
  page_size: wholeNumber(1, PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
};

export const pageQuerySchema = z.object(pagination);
